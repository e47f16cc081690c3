# The kernel's part of guests/unix/Makefile (included by it): kernel/, hal/ and fs/ built into
# $(OUT)/unix-bare.elf (big-endian) and $(OUT)/unix-bare-el.elf (little-endian), objects under
# $(OBJ)/kernel-eb and $(OBJ)/kernel-el. Uses $(OUT), $(OBJ), $(CROSS_EB), $(CROSS_EL); sets
# KERNEL_IMAGES.
#
# The kernel's tests also build a kernel whose root is an in-memory file system filled from an
# archive (kernel/mkramfs.py) instead of ext2 on disk 0:
#   make RAMFS=ARCHIVE RAMFS_ENDIAN=eb|el OUT=DIR DIR/unix-ramfs-eb.elf (or -el)
#
# Reproducible as the bare-metal images are: no debug info, no build id, relative source names.

KERNEL_IMAGES := $(OUT)/unix-bare.elf $(OUT)/unix-bare-el.elf

KERNEL_CFLAGS := -march=mips32r2 -ffreestanding -nostdlib -fno-pic -mno-abicalls -G0 -O2 \
	-msoft-float -std=gnu11 -Wall -Wextra -Werror -fno-tree-loop-distribute-patterns \
	-fno-asynchronous-unwind-tables -fno-unwind-tables -fno-ident -fno-stack-protector \
	-ffile-prefix-map=$(CURDIR)=. -Iinclude -Ikernel
KERNEL_LDFLAGS := -nostdlib -static -Wl,-T,kernel/kernel.ld -Wl,--build-id=none \
	-Wl,-z,max-page-size=4096 -Wl,-z,common-page-size=4096 -Wl,-z,noexecstack \
	-Wl,--no-warn-rwx-segments

KERNEL_SRCS := kernel/entry.S kernel/klib.c kernel/vm.c kernel/proc.c kernel/trap.c \
	kernel/file.c kernel/syscall.c kernel/exec.c kernel/main.c hal/bare.c
FS_SRCS := fs/bcache.c fs/ext2.c
KERNEL_HDRS := $(wildcard include/*.h kernel/*.h fs/*.h)

# $(1): eb or el; $(2): the compiler; $(3): -EB or -EL; $(4): the disk kernel's image
define KERNEL_BUILD
KOBJS_$(1) := $$(patsubst %,$(OBJ)/kernel-$(1)/%.o,$$(basename $(KERNEL_SRCS)))
FSOBJS_$(1) := $$(patsubst %,$(OBJ)/kernel-$(1)/%.o,$$(basename $(FS_SRCS)))

$(4): $$(KOBJS_$(1)) $$(FSOBJS_$(1)) kernel/kernel.ld
	@mkdir -p $$(@D)
	$(2)gcc $(3) $(KERNEL_CFLAGS) $(KERNEL_LDFLAGS) -o $$@ $$(KOBJS_$(1)) $$(FSOBJS_$(1)) -lgcc

$(OUT)/unix-ramfs-$(1).elf: $$(KOBJS_$(1)) $(OBJ)/kernel-$(1)/kernel/ramfs.o $(OBJ)/kernel-$(1)/ramfs-image.o kernel/kernel.ld
	@mkdir -p $$(@D)
	$(2)gcc $(3) $(KERNEL_CFLAGS) $(KERNEL_LDFLAGS) -o $$@ $$(KOBJS_$(1)) $(OBJ)/kernel-$(1)/kernel/ramfs.o $(OBJ)/kernel-$(1)/ramfs-image.o -lgcc

$(OBJ)/kernel-$(1)/ramfs-image.o: $(RAMFS)
	@mkdir -p $$(@D)
	printf '\t.section .rodata\n\t.balign 4\n\t.globl ramfs_image, ramfs_image_end\nramfs_image:\n\t.incbin "%s"\nramfs_image_end:\n' "$(RAMFS)" > $$(@D)/ramfs-image.S
	$(2)gcc $(3) $(KERNEL_CFLAGS) -c -o $$@ $$(@D)/ramfs-image.S

$(OBJ)/kernel-$(1)/%.o: %.c $(KERNEL_HDRS) kernel/kernel.mk
	@mkdir -p $$(@D)
	$(2)gcc $(3) $(KERNEL_CFLAGS) -c -o $$@ $$<

$(OBJ)/kernel-$(1)/%.o: %.S kernel/kernel.mk
	@mkdir -p $$(@D)
	$(2)gcc $(3) $(KERNEL_CFLAGS) -c -o $$@ $$<
endef

$(eval $(call KERNEL_BUILD,eb,$(CROSS_EB),-EB,$(OUT)/unix-bare.elf))
$(eval $(call KERNEL_BUILD,el,$(CROSS_EL),-EL,$(OUT)/unix-bare-el.elf))
