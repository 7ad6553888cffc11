"""eventcoder: code political events from news text under researchers' codebooks."""
from .diskcache import collector_paused

with collector_paused():  # importing spaCy and eventcoder makes long-lived objects only
    from .codebook import Codebook, CodebookRef
    from .engine import CodingContext, Engine, Result, code
    from .errors import (CodebookError, EventcoderError, EventValidationError, InputError,
                         ModelNotFoundError, PluginError, Problem)
    from .formats import InputFormat, OutputFormat, WriteContext
    from .hookspecs import hookimpl
    from .model import Candidate, Document, Event, Participant
    from .plugins import make_plugin_manager
    from .rules import RuleCodebook

__all__ = [
    "Candidate", "Codebook", "CodebookError", "CodebookRef", "CodingContext", "Document",
    "Engine", "Event", "EventValidationError", "EventcoderError", "InputError", "InputFormat",
    "ModelNotFoundError", "OutputFormat", "Participant", "PluginError", "Problem", "Result",
    "RuleCodebook", "WriteContext", "code", "hookimpl", "make_plugin_manager",
]
