from . import rote
