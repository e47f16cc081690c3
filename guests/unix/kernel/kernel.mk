# The kernel's part of guests/unix/Makefile (included by it): owned by the kernel's sources
# (kernel/, hal/, fs/). It must set KERNEL_IMAGES to the images it builds into $(OUT)
# (unix-bare.elf and the little-endian unix-bare-el.elf) and give their rules, building its
# objects under $(OBJ)/kernel. Available: $(OUT), $(OBJ), $(CROSS_EB), $(CROSS_EL).
#
# Placeholder: the kernel is not written yet, so this fragment builds nothing.
KERNEL_IMAGES :=
