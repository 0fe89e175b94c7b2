"""The document types: what a plugin provides (`doctype`), loading the plugins that provide them
(`plugin_manager`) and finding the shipped templates (`resources`, the top-level `templates/`)."""
