"""Framework-free helpers: ids, HTML, text."""
