package org.deepfakeedge.model;

import org.deepfakeedge.InvalidInputException;

/** A model spec is inconsistent (shapes do not chain, duplicate names, bad layer values). */
public class InvalidSpecException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    public InvalidSpecException(String message) {
        super(message);
    }
}
