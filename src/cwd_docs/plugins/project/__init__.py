"""The project documents: feasibility analysis, implementation schedule, application outline.

All three read one project file (with its partnership), so nobody types a number twice:
`schema` holds the input models, `rules` the validation rules, `context` what the templates read,
`register` the registration of each type (and its place in a partnership package).
"""
