"""The Datasette plugin: views, templates, canned queries."""
