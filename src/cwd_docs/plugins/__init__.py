"""Built-in document types. Each module is a plugin, registered like third-party ones."""
