## tests of src/dsp
