"""Step 2 of the pipeline, validation: an input against its type's schema, then the type's rules.

`validate` runs both rounds for one input (a file, a mapping or a model); `messages` gives
pydantic's own errors Polish messages. The problems themselves are `cwd_docs.problems`.
"""
