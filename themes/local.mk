dist_theme_DATA += themes/default.theme
