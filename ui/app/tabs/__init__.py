"""The recommendation page's tabs, one module per tab or pair of related tabs.

Each module only draws; what it shows is worked out in ``ui.app.presenters``.
"""
