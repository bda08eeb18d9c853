"""casefile: an offline, terminal-first case-file manager.

Nothing heavy is imported here: ``casefile --version`` must start fast.
"""

__version__ = "0.1.0"
