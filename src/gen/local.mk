## files of src/gen
