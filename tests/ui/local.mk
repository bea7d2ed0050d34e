## tests of src/ui
UI_TESTS = tests/ui/tui_screens.sh tests/ui/tui_exits.sh tests/ui/tui_generate.sh
TESTS += $(UI_TESTS)
EXTRA_DIST += $(UI_TESTS) tests/ui/tmux_lib.sh
