"""chanye (产业): a platform with which a district government runs its industrial-cluster strategy."""

__version__ = "0.1.0"
