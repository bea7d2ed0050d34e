## tests of src/ui
