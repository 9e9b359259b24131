/** A file a cleaner refuses, with the reason the packet's cover gives a reader. */
export class LeftOut extends Error {}

export const PICTURE_UNREADABLE = 'a picture inside it could not be read, so its metadata could not be removed';
