"""Hostile plugin: raises an exception that is not an Exception (a BaseException subclass) at import."""


class Wybuch(BaseException):
    pass


raise Wybuch("wtyczka wybuchła przy imporcie")
