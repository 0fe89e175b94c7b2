"""The command line (`cwd-docs`, `python -m cwd_docs`): the commands (`main`), the terminal's streams
(`terminal`), SIGTERM and SIGHUP handled like Ctrl+C (`interrupts`) and the advisor's `watch` loop."""
