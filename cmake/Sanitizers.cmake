# ASan + UBSan for every target of the build when SLIMAGE_SANITIZE is on.
if(SLIMAGE_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
endif()
