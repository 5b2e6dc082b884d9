"""The knowledge base: YAML data read by the engine at load time."""

from pathlib import Path

PATH = Path(__file__).parent
