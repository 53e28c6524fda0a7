update inbox set status = 'normalized', error = null where id = :#${exchangeProperty.accessEvent.id()}
