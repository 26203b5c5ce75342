"""The article's code examples as lessons. One module per lesson, each defining `LESSON`.

No Qt here (tests/core/test_layers.py): lessons talk only to their context.
"""
