"""Tribune: a microblogging network server that no single provider can switch off."""

__version__ = "0.1.0"
