## tests of src/audio
