## tests of src/gen
