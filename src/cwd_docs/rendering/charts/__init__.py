"""Native Word charts: the `Chart` a context builder gives (`model`, public as `cwd_docs.charts`),
its DrawingML part (`chart_xml`), its embedded workbook (`chart_workbook`) and putting both into a
rendered document (`embed`)."""
