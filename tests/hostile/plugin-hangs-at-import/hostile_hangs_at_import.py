"""Hostile plugin: its import never ends (waits an hour)."""
import time

time.sleep(3600)
