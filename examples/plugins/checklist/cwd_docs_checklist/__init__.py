"""Lista sprawdzająca wyboru partnerstw JST do pilotażu CWD (a cwd_docs plugin)."""
