import EruSim
