"""The territorial strategies: supralocal (art. 10g u.s.g.), ZIT and IIT (art. 29 CPR).

They read one strategy file (`schema`); `kinds` says what makes a kind of strategy (chapters and the
legal elements), `supralocal`, `zit` and `iit` define the three kinds, `rules` and `context` are
shared, and `register` registers the types (and their place in a partnership package).
"""
