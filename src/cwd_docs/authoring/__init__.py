"""Tools for those who write templates, plugins and inputs: `check` of a template against its schema
(`checking`), the `new-plugin` scaffold (`scaffold`) and JSON Schemas for editors (`schema_export`)."""
