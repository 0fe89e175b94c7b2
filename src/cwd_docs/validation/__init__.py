"""Step 2 of the pipeline, validation: an input against its type's schema, then the type's rules.

`validate` runs both rounds for one input (a file, a mapping or a model): the schema round through
the loading session (which reads and validates each file once), then the rules, once per object.
The problems themselves are `cwd_docs.problems`.
"""
