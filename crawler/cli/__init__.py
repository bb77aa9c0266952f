"""The kznews command line: the click group and one module per command family. Nothing below imports it."""
