savedcmd_modules.order := {   echo pm_module_file_name_that_is_much_longer_than_module_name_len.o; :; } > modules.order
