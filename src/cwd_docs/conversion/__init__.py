"""Step 4 of the pipeline, conversion: DOCX to PDF through LibreOffice.

`pdf` converts one-shot, `converter_service` keeps a warm service for later commands, both through
`lo_worker` (one private LibreOffice with its limits and clean-up), which runs `_uno_convert.py` in
LibreOffice's Python; `dispatch` chooses between the service and one-shot conversion.
"""
