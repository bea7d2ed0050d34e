## files of src/dsp
