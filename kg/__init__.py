"""pingan-kg: Chinese public-safety governance reports (平安建设) as a typed, sourced knowledge graph."""
from __future__ import annotations

__version__ = "0.1.0"
