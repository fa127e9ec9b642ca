package io.ado.runtime.supervisor;

/** Which children restart when one exits, as in OTP. */
public enum Strategy {
    /** Only the child that exited. */
    ONE_FOR_ONE,
    /** Every child: the others are stopped in reverse order, then all start again in order. */
    ONE_FOR_ALL,
    /** The child that exited and every child started after it. */
    REST_FOR_ONE,
    /** Like one_for_one, for many dynamic children started from one template. */
    SIMPLE_ONE_FOR_ONE
}
