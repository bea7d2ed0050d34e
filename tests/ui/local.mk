## tests of src/ui
UI_TESTS = tests/ui/tui_screens.sh
TESTS += $(UI_TESTS)
EXTRA_DIST += $(UI_TESTS) tests/ui/tmux_lib.sh
