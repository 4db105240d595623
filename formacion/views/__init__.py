"""HTTP glue for the training screens, by audience: parse (a form), authorise,
call one service or selector, render. `formacion.urls` names each view by its
module."""
