"""The document types known to a process: loading the plugins that register them (`plugin_manager`,
through pluggy) and finding the shipped templates (`resources`, the top-level `templates/`). What a
plugin registers is the contract on the top floor, `cwd_docs.doctype` and `cwd_docs.hookspecs`."""
