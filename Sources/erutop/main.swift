import ErutopApp
