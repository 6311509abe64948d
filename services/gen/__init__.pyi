from . import buf
from . import rote
