## Colour themes (libconfig), installed in $(pkgdatadir)/themes.
dist_theme_DATA += themes/default.theme themes/high-contrast.theme themes/light.theme
