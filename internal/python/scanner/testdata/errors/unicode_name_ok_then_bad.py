héllo = 1
wörld€ = 2
