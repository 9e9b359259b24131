/** A file a cleaner refuses, with the reason the packet's cover gives a reader. */
export class LeftOut extends Error {}
