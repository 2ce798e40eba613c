"""Subcommands of `reader`: each module offers add_arguments(parser, name) and run(args)."""
