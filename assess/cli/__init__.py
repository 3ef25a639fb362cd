"""The `assess` command line: options in, one core call, output and an exit code out.

One small module per command group, each command turning options into plain values,
calling one function of the core, and printing the outcome. `main` is the one boundary
that turns errors into messages and exit codes.

May import: everything in assess, and typer.
"""
