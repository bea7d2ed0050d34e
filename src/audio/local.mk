## files of src/audio
