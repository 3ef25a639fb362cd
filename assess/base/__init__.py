"""The shared base every other part stands on.

The framework's fixed vocabulary (pillars, benefits, roles), the one error hierarchy and
its exit codes, safe YAML reading with line numbers, turning typed-model errors into
located messages, atomic file writes, where the bundled data lives, and the forked
helper for running slow work beside the caller.

May import: the standard library, PyYAML, pydantic and platformdirs; no other part of
assess.
"""
