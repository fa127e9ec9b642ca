/** Worker Registry of seed 000: who is registered, with what capabilities, running what. Plain data owned by one thread. */
package io.ado.controller.registry;
