"""The SQLite store: connection and transactions, the schema, articles, dedup, the raw-page archive, url state, the writer process."""
